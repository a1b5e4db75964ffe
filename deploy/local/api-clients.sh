#!/usr/bin/env bash
# Generates a C# client with Kiota from each service's OpenAPI document and compiles them: what an outside
# system would do. The documents are the ones the services served to their OpenAPI contract tests (which save
# them in .local/openapi/); run the four service test projects first. deploy/local/test.sh calls this.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
documents=(.local/openapi/*.json)
if [ ! -e "${documents[0]}" ]; then
  echo "api-clients: no OpenAPI document in .local/openapi (run the service test projects first)" >&2
  exit 1
fi
dotnet tool restore >/dev/null
export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false   # no update check against GitHub, no hints
generated=tests/ApiClients/Generated
rm -rf "$generated"
for document in "${documents[@]}"; do
  service="$(basename "$document" .json)"
  name="${service^}"
  dotnet kiota generate --language CSharp --openapi "$document" --output "$generated/$name" \
    --class-name "${name}Client" --namespace-name "Platform.Clients.$name" --exclude-backward-compatible \
    --clean-output --log-level Warning
done
dotnet build tests/ApiClients -c Release -v q -nologo
echo "api-clients: generated and compiled clients for: $(basename -a -s .json "${documents[@]}" | tr '\n' ' ')"
