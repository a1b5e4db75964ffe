#!/bin/sh
# Runs PostgreSQL in the foreground for the AppHost (LocalServers.cs), already as the postgres user.
# DCP stops an executable with SIGTERM and kills it a few seconds later; SIGTERM is PostgreSQL's slow
# "smart" shutdown (it waits for every client to leave), so it is passed on as SIGINT, the "fast"
# shutdown that still writes a clean checkpoint. Usage: postgres-foreground.sh <postgres> <args...>
"$@" &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null' TERM INT
# The first wait returns when a signal arrives; the second one waits for PostgreSQL to finish.
wait "$pid"
wait "$pid"
