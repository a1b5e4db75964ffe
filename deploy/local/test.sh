#!/usr/bin/env bash
# Runs the whole test suite against real servers: starts the local PostgreSQL and RabbitMQ
# (installing them if needed), exports their connection strings, runs every test project.
# With a Docker engine and no PLATFORM_* variables, the tests would use Testcontainers instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

PLATFORM_PG_FAST=1 "$here/servers.sh" up   # fsync off: test data is disposable
eval "$("$here/servers.sh" env)"
export PLATFORM_POSTGRES PLATFORM_RABBITMQ PLATFORM_RABBITMQ_MANAGEMENT

cd "$repo"
dotnet test Platform.Offline.slnf -c Release --logger "console;verbosity=normal" "$@"
