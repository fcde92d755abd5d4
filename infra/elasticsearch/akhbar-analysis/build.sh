#!/usr/bin/env bash
# Builds the akhbar-analysis stable plugin zip against an Elasticsearch distribution's own jars.
# Usage: build.sh <elasticsearch-home> <out.zip>   (needs a JDK >= 21: ES_JAVA_HOME or JAVA_HOME)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
es_home=$1
out=$2
java_home=${ES_JAVA_HOME:-${JAVA_HOME:-}}
[ -x "$java_home/bin/javac" ] || { echo "build.sh: ES_JAVA_HOME/JAVA_HOME must point at a JDK >= 21 with javac" >&2; exit 1; }
lib="$es_home/lib"
version=$(ls "$lib" | sed -n 's/^elasticsearch-\([0-9][0-9.]*\)\.jar$/\1/p' | head -n1)
[ -n "$version" ] || { echo "build.sh: no elasticsearch-<version>.jar in $lib" >&2; exit 1; }
cp=$(ls "$lib"/elasticsearch-plugin-api-*.jar "$lib"/elasticsearch-plugin-analysis-api-*.jar "$lib"/lucene-core-*.jar "$lib"/lucene-analysis-common-*.jar | tr '\n' ':')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$java_home/bin/javac" --release 21 -encoding UTF-8 -nowarn -cp "$cp" -d "$work/classes" "$here"/src/org/akhbar/analysis/*.java
"$java_home/bin/jar" cf "$work/akhbar-analysis.jar" -C "$work/classes" .
# The plugin installer can generate named_components.json by scanning every jar on the classpath,
# but that scan runs out of the CLI's small heap; listing the components here is exact and instant.
{
  printf '{"org.elasticsearch.plugin.analysis.TokenFilterFactory":{'
  grep -h -A1 '@NamedComponent' "$here"/src/org/akhbar/analysis/*.java |
    sed -n -e 's/.*@NamedComponent("\([^"]*\)").*/\1/p' -e 's/.*class \([A-Za-z0-9_]*\).*/\1/p' |
    paste - - | awk 'BEGIN{s=""} {printf "%s\"%s\":\"org.akhbar.analysis.AkhbarFilters$%s\"", s, $1, $2; s=","}'
  printf '}}\n'
} >"$work/named_components.json"
cat >"$work/stable-plugin-descriptor.properties" <<PROPS
description=Akhbar analysis filters (Arabic, Persian, Sorani and Kurmanji Kurdish, Greek, Hindi, Latin-script folding and stemming) over Lucene
version=$version
name=akhbar-analysis
java.version=21
elasticsearch.version=$version
PROPS
rm -f "$out"
"$java_home/bin/jar" cfM "$out" -C "$work" akhbar-analysis.jar -C "$work" named_components.json -C "$work" stable-plugin-descriptor.properties
echo "$out"
