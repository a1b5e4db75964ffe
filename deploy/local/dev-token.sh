#!/usr/bin/env bash
# Prints a development bearer token that every locally run service accepts (Development only).
#   TOKEN=$(deploy/local/dev-token.sh department-officer)
#   TOKEN=$(deploy/local/dev-token.sh enterprise-representative <enterprise-id>)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$here/DevToken/DevToken.csproj" -c Release -v q -nologo >/dev/null
exec dotnet "$here/DevToken/bin/Release/net10.0/DevToken.dll" "$@"
