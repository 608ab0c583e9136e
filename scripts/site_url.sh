# Sourced by run.sh: links in emails point at this server (HOST, PORT) unless SITE_URL is set.
# A wildcard bind address is not an address to visit: its links use 127.0.0.1.
case "${HOST:-127.0.0.1}" in
    0.0.0.0 | :: | "[::]") link_host=127.0.0.1 ;;
    *) link_host=${HOST:-127.0.0.1} ;;
esac
export SITE_URL=${SITE_URL:-http://$link_host:${PORT:-8000}}
