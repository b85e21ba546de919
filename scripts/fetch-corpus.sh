#!/usr/bin/env bash
# `scripts/fetch-corpus.sh DIR` (or `npm run corpus:fetch -- DIR`): builds a corpus of real-world
# .bib files for scripts/bib-corpus.ts from a fixed list of Debian bookworm packages: the test data
# of BibTeX tools (much of it taken from users' bug reports) and the documentation of TeX Live.
# Each .bib/.bibtex file (gzip-compressed docs are unpacked) is copied to DIR/<package>/<path> once
# per content: a later file with the same sha256 is listed in DIR/manifest.json with `duplicateOf`
# and not copied. Versions are whatever bookworm serves today; the manifest records them.
# Downloads are cached in DIR/.cache, so a second run fetches nothing. Needs apt-get, dpkg-deb,
# dpkg-source and node; uses a private apt configuration under DIR/.cache/apt and never touches
# the system's apt sources. The corpus is third-party text: never commit it.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
mkdir -p "$1"
DIR=$(cd "$1" && pwd)
CACHE="$DIR/.cache"

# Source packages of BibTeX tools whose trees hold test or example .bib files.
SOURCES=(
  biber kbibtex bibtexparser pybtex pybtex-docutils bibtool bibutils jabref bibclean
  sphinxcontrib-bibtex pandoc haskell-citeproc citeproc-py ebib parsebib citar
  r-cran-rbibutils r-cran-bibtex bibtexconv bibtex2html hevea kile libtext-bibtex-perl
  bibcursed latexmk auctex texstudio libbibtex-parser-perl libcatmandu-bibtex-perl
  libtext-bibtex-validate-perl ietf2bibtex haskell-hs-bibutils texworks texmaker dblatex latexdiff
  pandoc-citeproc-preamble emacs cb2bib lyx
)
# Binary packages that ship .bib files: TeX Live's package docs and examples, tools' tests and examples.
BINARIES=(
  texlive-base texlive-bibtex-extra texlive-publishers texlive-publishers-doc
  texlive-science texlive-science-doc texlive-humanities texlive-humanities-doc
  texlive-latex-base-doc texlive-latex-recommended texlive-latex-recommended-doc
  texlive-latex-extra texlive-latex-extra-doc texlive-pictures-doc texlive-pstricks-doc
  texlive-extra-utils texlive-plain-generic texlive-lang-english texlive-lang-french
  texlive-lang-german texlive-lang-european texlive-lang-other texlive-lang-cyrillic
  texlive-lang-polish texlive-lang-spanish texlive-lang-italian texlive-lang-portuguese
  texlive-lang-czechslovak texlive-lang-greek texlive-lang-japanese texlive-lang-chinese
  texlive-lang-korean texlive-lang-arabic texlive-music texlive-games
  python3-bibtexparser python3-pybtex python3-pybtex-docutils python3-sphinxcontrib.bibtex
  r-cran-rbibutils r-cran-bibtex r-cran-knitr r-cran-rmarkdown r-cran-bookdown elpa-ebib
  bibtool bibutils kbibtex kbibtex-data jabref pandoc-data libtext-bibtex-perl bibtex2html lyx-common
  python-bibtexparser-doc python-pybtex-doc python-sphinxcontrib.bibtex-doc libbibtex-parser-perl
  libcatmandu-bibtex-perl libtext-bibtex-validate-perl jbibtex-base
  texlive-fonts-extra-doc texlive-metapost-doc texlive-fonts-recommended-doc texlive-formats-extra
  # R packages that cite with Rdpack keep their references in inst/REFERENCES.bib.
  r-cran-rdpack r-cran-cvar r-cran-eaf r-cran-gbutils r-cran-maotai r-cran-mclustcomp r-cran-metap
  r-cran-partitions r-cran-plm r-cran-rlinsolve
  # R packages keep their vignettes' sources, .bib files included, in doc/.
  r-cran-lme4 r-cran-glmmtmb r-cran-brms r-cran-rstan r-cran-sf r-cran-spdep r-cran-mgcv r-cran-vegan
  r-cran-zoo r-cran-sandwich r-cran-lmtest r-cran-car r-cran-emmeans r-cran-data.table r-cran-dplyr
  r-cran-tidyr r-cran-survival r-cran-mvtnorm r-cran-xts r-cran-quantreg r-cran-coda r-cran-rcpp
  r-cran-rcppeigen r-cran-rcpparmadillo r-cran-nlme r-cran-ape r-cran-phangorn r-cran-igraph
  r-cran-network r-cran-sna r-cran-statnet.common r-cran-party r-cran-partykit r-cran-strucchange
  r-cran-timedate r-cran-aer r-cran-pscl r-cran-glmnet r-cran-mclust r-cran-flexmix r-cran-modeltools
  r-cran-multcomp r-cran-th.data r-cran-coin r-cran-lavaan r-cran-psych r-cran-mice r-cran-metafor
  r-cran-bayesplot r-cran-loo r-cran-rstanarm r-cran-tmb r-cran-inline r-cran-ks r-cran-spatstat.core
  r-cran-spatstat r-cran-terra r-cran-raster r-cran-sp r-cran-rgdal r-cran-stars r-cran-lubridate
  r-cran-forecast r-cran-tseries r-cran-urca r-cran-fgarch r-cran-bit64 r-cran-matrixstats
  r-cran-robustbase r-cran-rrcov r-cran-pcapp r-cran-ggplot2 r-cran-lattice r-cran-effects r-cran-nloptr
  r-cran-minqa r-cran-optimx r-cran-numderiv r-cran-deoptim r-cran-gss r-cran-hdf5r r-cran-testthat
  r-cran-spdata r-cran-expm r-cran-actuar r-cran-distributional r-cran-tinytest
  r-bioc-biobase r-bioc-limma r-bioc-deseq2 r-bioc-edger r-bioc-genomicranges r-bioc-iranges
  r-bioc-s4vectors r-bioc-biocgenerics r-bioc-annotate r-bioc-graph r-bioc-rbgl r-bioc-biostrings
  r-bioc-summarizedexperiment
  # GAP packages ship the bibliography of their manuals.
  gap-doc gap-libs gap-aclib gap-alnuth gap-atlasrep gap-autodoc gap-autpgrp gap-congruence gap-cryst
  gap-crystcat gap-character-tables gap-design gap-factint gap-fga gap-float gap-gapdoc gap-grape
  gap-guava gap-hap gap-hapcryst gap-io gap-laguna gap-nq gap-openmath gap-polycyclic gap-polymaking
  gap-primgrp gap-radiroot gap-scscp gap-smallgrp gap-sonata gap-table-of-marks gap-toric
  gap-transgrp gap-utils
)

APT_DIR="$CACHE/apt"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/archives/partial" "$CACHE/deb" "$CACHE/src" "$CACHE/x"
cat >"$APT_DIR/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm main
EOF
APT_OPTS=(
  -o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache=$APT_DIR" -o Debug::NoLocking=1
  -o APT::Sandbox::User=root
)
if ! compgen -G "$APT_DIR/lists/*Sources" >/dev/null; then
  apt-get "${APT_OPTS[@]}" -qq update
fi

# package<TAB>version<TAB>extracted tree, one line per package fetched.
PACKAGES_TSV="$CACHE/packages.tsv"
: >"$PACKAGES_TSV"

for pkg in "${SOURCES[@]}"; do
  version=$(apt-cache "${APT_OPTS[@]}" showsrc "$pkg" | awk '/^Version:/ && !v { v = $2 } END { print v }')
  if [[ -z "$version" ]]; then
    echo "skip source $pkg: not in bookworm" >&2
    continue
  fi
  tree="$CACHE/x/src-$pkg-$version"
  if [[ ! -e "$tree/.done" ]]; then
    work="$CACHE/src/$pkg-$version"
    mkdir -p "$work"
    if [[ ! -e "$work/.done" && ! -e "$work/.tar-only" ]]; then
      # The mirror this was written against serves some source files and not others. Without
      # the Debian part, the upstream tarball alone will do (test data is upstream's); a package
      # whose upstream tarball cannot be fetched either is left out (and tried again next run).
      if (cd "$work" && apt-get "${APT_OPTS[@]}" -qq source --download-only "$pkg=$version" 2>"$work/.err"); then
        touch "$work/.done"
      elif (cd "$work" && apt-get "${APT_OPTS[@]}" -qq source --download-only --tar-only "$pkg=$version" 2>>"$work/.err") &&
        compgen -G "$work/*.orig.tar.*" >/dev/null; then
        touch "$work/.tar-only"
      else
        echo "skip source $pkg $version: $(grep -m1 '^E:' "$work/.err" || true)" >&2
        continue
      fi
    fi
    rm -rf "$tree"
    if [[ -e "$work/.done" ]]; then
      dsc=$(ls "$work"/*.dsc | head -n 1)
      # apt-get checked the files against the signed index; dpkg-source need not check again.
      dpkg-source --no-check -x "$dsc" "$tree" >/dev/null
    else
      mkdir -p "$tree"
      for tarball in "$work"/*.orig.tar.* "$work"/*.orig-*.tar.*; do
        [[ -e "$tarball" && "$tarball" != *.asc ]] && tar -xf "$tarball" -C "$tree"
      done
    fi
    touch "$tree/.done"
  fi
  printf '%s\t%s\t%s\n' "$pkg" "$version" "$tree" >>"$PACKAGES_TSV"
done

for pkg in "${BINARIES[@]}"; do
  version=$(apt-cache "${APT_OPTS[@]}" show "$pkg" 2>/dev/null | awk '/^Version:/ && !v { v = $2 } END { print v }')
  if [[ -z "$version" ]]; then
    echo "skip binary $pkg: not in bookworm" >&2
    continue
  fi
  tree="$CACHE/x/$pkg-$version"
  if [[ ! -e "$tree/.done" ]]; then
    deb=$(ls "$CACHE/deb/${pkg}_"*.deb 2>/dev/null | head -n 1 || true)
    if [[ -z "$deb" ]]; then
      if ! (cd "$CACHE/deb" && apt-get "${APT_OPTS[@]}" -qq download "$pkg=$version" 2>/dev/null); then
        echo "skip binary $pkg $version: download failed" >&2
        continue
      fi
      deb=$(ls "$CACHE/deb/${pkg}_"*.deb | head -n 1)
    fi
    rm -rf "$tree"
    mkdir -p "$tree"
    dpkg-deb -x "$deb" "$tree"
    touch "$tree/.done"
  fi
  printf '%s\t%s\t%s\n' "$pkg" "$version" "$tree" >>"$PACKAGES_TSV"
done

# Rebuild the copies from the cache every run, so the result depends only on the package list.
find "$DIR" -mindepth 1 -maxdepth 1 ! -name .cache -exec rm -rf {} +

node - "$DIR" "$PACKAGES_TSV" <<'EOF'
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const zlib = require('zlib');
const [dir, tsv] = process.argv.slice(2);
const BIB = /\.(bib|bibtex)(\.gz)?$/i;

function walk(root, rel, out) {
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(root, r, out);
    else if (e.isFile() && BIB.test(e.name)) out.push(r);
  }
  return out;
}

const manifest = [];
const firstBySha = new Map();
for (const line of fs.readFileSync(tsv, 'utf8').split('\n').filter(Boolean)) {
  const [pkg, version, tree] = line.split('\t');
  for (const rel of walk(tree, '', []).sort()) {
    let bytes = fs.readFileSync(path.join(tree, rel));
    let target = rel;
    if (/\.gz$/i.test(rel)) {
      try {
        bytes = zlib.gunzipSync(bytes);
      } catch {
        continue;
      }
      target = rel.slice(0, -3);
    }
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const copy = `${pkg}/${target}`;
    const entry = { package: pkg, version, path: rel, file: copy, bytes: bytes.length, sha256 };
    const first = firstBySha.get(sha256);
    if (first) entry.duplicateOf = first;
    else {
      firstBySha.set(sha256, copy);
      fs.mkdirSync(path.dirname(path.join(dir, copy)), { recursive: true });
      fs.writeFileSync(path.join(dir, copy), bytes);
    }
    manifest.push(entry);
  }
}
const packages = [...new Set(manifest.map((m) => `${m.package} ${m.version}`))];
fs.writeFileSync(
  path.join(dir, 'manifest.json'),
  JSON.stringify({ suite: 'bookworm', packages, distinct: firstBySha.size, files: manifest }, null, 1) + '\n',
);
console.log(`${manifest.length} .bib files, ${firstBySha.size} distinct, from ${packages.length} packages, in ${dir}`);
EOF
