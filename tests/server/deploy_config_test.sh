#!/usr/bin/env bash
# deploy_config_test.sh — the files of deploy/ as the tools that read them
# see them: `nginx -t` on the site (deploy/nginx/tokhai.conf with its proxy
# snippet, Debian's brotli_static module and a certificate made for the
# run) and `systemd-analyze verify` on the unit, when systemd is there (the
# unit's binary, /opt/tokhai/bin/tokhai-server, is not installed on a build
# machine: that one complaint is expected).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tokhai-deploy-check-XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/snippets"
cp "$root/deploy/nginx/tokhai-proxy.conf" "$work/snippets/"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" >/dev/null 2>&1
sed -e "s|/etc/ssl/tokhai/|$work/|" "$root/deploy/nginx/tokhai.conf" >"$work/site.conf"
cat >"$work/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
error_log $work/error.log;
pid $work/nginx.pid;
events {}
http {
  include /etc/nginx/mime.types;
  include $work/site.conf;
}
CONF
/usr/sbin/nginx -t -q -p "$work" -c "$work/nginx.conf"
echo "deploy: nginx accepts deploy/nginx/tokhai.conf"

if command -v systemd-analyze >/dev/null; then
  unit="$root/deploy/systemd/tokhai-server@.service"
  problems=$(systemd-analyze verify "$unit" 2>&1 | grep -v "/opt/tokhai/bin/tokhai-server" || true)
  if [ -n "$problems" ]; then
    echo "$problems" >&2
    exit 1
  fi
  echo "deploy: systemd accepts deploy/systemd/tokhai-server@.service"
fi
