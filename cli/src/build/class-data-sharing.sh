#!/bin/sh
# Makes lib/secrets4j.jsa in the distribution $1 (target/secrets4j): runs its launcher once with
# JDK 17's -XX:ArchiveClassesAtExit on a command that loads what most commands load (settings,
# the encrypted-file store and its crypto, an environment variable, picocli), in a scratch home.
set -eu
dist=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch"
# The developer's own settings (a SECRETS4J_DEFINITIONS, a store) play no part.
for name in $(env | sed -n 's/^\(SECRETS4J_[A-Za-z0-9_]*\)=.*/\1/p'); do
  unset "$name"
done
store="--set secrets4j.encrypted-file.path=$scratch/store.json"
rm -f "$dist/lib/secrets4j.jsa"
# shellcheck disable=SC2086
printf 'class-data-sharing' | "$dist/bin/secrets4j" $store secret add cds - >/dev/null
# shellcheck disable=SC2086
SECRETS4J_JAVA_OPTS="-XX:ArchiveClassesAtExit=$dist/lib/secrets4j.jsa -Xlog:cds=off" \
  "$dist/bin/secrets4j" $store check secret:cds env:HOME
if [ ! -f "$dist/lib/secrets4j.jsa" ]; then
  echo "note: this JDK made no class data sharing archive; bin/secrets4j runs without one" >&2
fi
