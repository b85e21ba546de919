import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/**
 * The webview's page: a fixed skeleton without any data or text. Everything shown arrives by
 * postMessage and is written by media/evidence-table.js with textContent, so the only script
 * allowed is that file, under a fresh nonce.
 */
export function tableHtml(webview: vscode.Webview, media: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'evidence-table.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'evidence-table.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  const lang = /^[A-Za-z-]+$/.test(vscode.env.language) ? vscode.env.language : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
</head>
<body>
<header class="toolbar">
<input id="filter" type="search" spellcheck="false">
<span id="count" role="status" aria-live="polite"></span>
<button id="export" type="button"></button>
</header>
<figure id="chart"></figure>
<div class="table-wrap">
<table id="evidence-table">
<caption id="caption"></caption>
<thead><tr id="head"></tr></thead>
<tbody id="body"></tbody>
</table>
<p id="empty" hidden></p>
</div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
