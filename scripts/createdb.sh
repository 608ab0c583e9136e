#!/usr/bin/env bash
# createdb.sh SOCKET_DIR NAME: create database NAME in the local cluster unless it exists.
set -euo pipefail
dir=$(cd "$1" && pwd)
name=$2
exists=$(psql -h "$dir" -U postgres -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'")
if [ "$exists" != 1 ]; then
    psql -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
fi
