#!/bin/sh
# The secrets4j command on its embedded default, the local encrypted store: no server.
# Usage: examples/cli/demo.sh PATH/TO/bin/secrets4j   (the README's first command runs it)
# It works in a scratch folder, removed at the end: the store goes there instead of the default
# ~/.secrets4j/store.json (the setting secrets4j.encrypted-file.path, from the environment).
set -eu
secrets4j=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SECRETS4J_ENCRYPTED_FILE_PATH="$work/store.json"
cd "$work"
say() { printf '\n[cli] $ %s\n' "$*"; }

say "secret add db/password - (the value from stdin)"
printf 'demo-db-password' | "$secrets4j" secret add db/password -
say "secret add api/token @token.txt --description 'token of the demo API'"
printf 'demo-api-token-0123456789' > token.txt
"$secrets4j" secret add api/token @token.txt --description 'token of the demo API'
rm token.txt
say "secret ls"
"$secrets4j" secret ls

say "run --env DB_PASSWORD=secret:db/password --volume secret:api/token:$work/api-token --mask=always -- sh -c '...'"
"$secrets4j" run --env DB_PASSWORD=secret:db/password \
  --volume "secret:api/token:$work/api-token" --mask=always -- sh -c '
    echo "child: DB_PASSWORD has ${#DB_PASSWORD} characters and reads $DB_PASSWORD"
    echo "child: $1 is mode $(stat -c %a "$1") and holds $(cat "$1")"' sh "$work/api-token"
echo "[cli] after the child: the file is gone: $(test -e "$work/api-token" && echo no || echo yes)"

cat > secrets.yaml <<'YAML'
apiVersion: secrets4j/v1
kind: SecretsDefinition
metadata: { name: demo }
secrets:
  - name: sync-token
    store: encrypted-file
    description: token of the nightly sync job
    value: { generate: { length: 32, alphabet: hex } }
  - name: db-password
    provider: encrypted-file
    parameters: { key: db/password }
targets:
  - name: sync-job
    env: { SYNC_TOKEN: sync-token, DB_PASSWORD: db-password }
YAML
say "plan -f secrets.yaml"
"$secrets4j" plan -f secrets.yaml
say "apply -f secrets.yaml --auto-approve"
"$secrets4j" apply -f secrets.yaml --auto-approve
say "plan -f secrets.yaml --detailed-exitcode (0: nothing left to do)"
"$secrets4j" plan -f secrets.yaml --detailed-exitcode
say "--definitions secrets.yaml run --target sync-job --mask=always -- sh -c '...'"
"$secrets4j" --definitions secrets.yaml run --target sync-job --mask=always -- sh -c '
    echo "job: SYNC_TOKEN has ${#SYNC_TOKEN} characters and reads $SYNC_TOKEN"'
say "secret ls"
"$secrets4j" secret ls
