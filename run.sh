#!/usr/bin/env bash
# Runs the suite on this host, without Docker: builds the four services (only when a source changed since
# the last build), starts a private nginx on 127.0.0.1 with the worker stack's log format and
# stub_status (when nginx is installed or installable), starts the three exporters beside it at once, then
# the merger, and prints their URLs once all answer /healthz. Ctrl-C stops everything it started.
#
# It runs the JIT build (dotnet build): a Native AOT publish would start each service in tens of
# milliseconds instead of a few hundred, but costs about a minute per service to build and needs clang;
# the three JIT exporters start in parallel, then the merger, in about a second.
#
# Ports can be changed through the environment: NGINX_PORT (8000), STUB_PORT (9113), LOG_PORT (9114),
# NODE_PORT (9100), MERGER_PORT (8080).
set -euo pipefail
cd "$(dirname "$0")"

NGINX_PORT=${NGINX_PORT:-8000}
STUB_PORT=${STUB_PORT:-9113}
LOG_PORT=${LOG_PORT:-9114}
NODE_PORT=${NODE_PORT:-9100}
MERGER_PORT=${MERGER_PORT:-8080}
state="$PWD/.run"
pids=()

stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  echo "stopped"
}
trap stop_all INT TERM EXIT

wait_healthy() { # name url
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "$1 did not become healthy at $2" >&2
  return 1
}

./scripts/ensure-packages.sh curl
have_nginx=0
if ./scripts/ensure-packages.sh nginx; then
  have_nginx=1
else
  echo "nginx is not available: the exporters start without a source" >&2
fi

bin() { echo "src/$1/bin/Release/net10.0/$1.dll"; }
services=(Exporters.NginxStub Exporters.NginxLog Exporters.Node Merger)
# Skip "dotnet build" (several seconds even when there is nothing to do) when every service is built and
# no source, project or build file is newer than the oldest of them.
oldest=""
for service in "${services[@]}"; do
  if [ ! -f "$(bin "$service")" ]; then
    oldest=""
    break
  fi
  if [ -z "$oldest" ] || [ "$(bin "$service")" -ot "$oldest" ]; then
    oldest=$(bin "$service")
  fi
done
if [ -z "$oldest" ] || [ -n "$(find src global.json Directory.Build.props Directory.Packages.props -type f -newer "$oldest" \
  -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
  dotnet build scripts/services.slnf -c Release -nologo -v quiet
fi
# The generation-0 budget the Native AOT build and the -jit images use (Directory.Build.props).
export DOTNET_GCgen0size=200000

mkdir -p "$state/nginx/logs" "$state/nginx/tmp"
if [ "$have_nginx" -eq 1 ]; then
  cat > "$state/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $state/nginx/nginx.pid;
error_log $state/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    log_format nginx_prometheus '\$remote_addr - \$remote_user [\$time_local] "\$request" '
                                '\$status \$body_bytes_sent "\$http_referer" '
                                '"\$http_user_agent" rt=\$request_time';
    access_log $state/nginx/logs/access.log nginx_prometheus;
    client_body_temp_path $state/nginx/tmp/body;
    proxy_temp_path $state/nginx/tmp/proxy;
    fastcgi_temp_path $state/nginx/tmp/fastcgi;
    uwsgi_temp_path $state/nginx/tmp/uwsgi;
    scgi_temp_path $state/nginx/tmp/scgi;
    default_type text/plain;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location = /stub_status { stub_status; allow 127.0.0.1; deny all; access_log off; }
        location / { return 200 "hello from the worker's nginx\n"; }
    }
}
NGINX
  /usr/sbin/nginx -p "$state/nginx" -c "$state/nginx/nginx.conf" -e "$state/nginx/logs/error.log" -g 'daemon off;' &
  pids+=($!)
  wait_healthy nginx "http://127.0.0.1:$NGINX_PORT/"
fi

dotnet "$(bin Exporters.NginxStub)" \
  --web.listen-address="127.0.0.1:$STUB_PORT" \
  --nginx.scrape-uri="http://127.0.0.1:$NGINX_PORT/stub_status" &
pids+=($!)

# The access-log exporter follows the private nginx's log with the worker stack's configuration.
cat > "$state/nginxlogsexp.yml" <<YAML
namespaces:
  - name: nginx
    format: "\$remote_addr - \$remote_user [\$time_local] \\"\$request\\" \$status \$body_bytes_sent \\"\$http_referer\\" \\"\$http_user_agent\\" rt=\$request_time"
    source:
      files:
        - $state/nginx/logs/access.log
YAML
dotnet "$(bin Exporters.NginxLog)" --web.listen-address="127.0.0.1:$LOG_PORT" --config.file="$state/nginxlogsexp.yml" &
pids+=($!)

dotnet "$(bin Exporters.Node)" --web.listen-address="127.0.0.1:$NODE_PORT" &
pids+=($!)
# The three exporters start together; the merger once they answer, so that a healthy merger means a
# ready stack (the access-log exporter follows the log from its end when it starts).
wait_healthy "nginx stub exporter" "http://127.0.0.1:$STUB_PORT/healthz"
wait_healthy "nginx access-log exporter" "http://127.0.0.1:$LOG_PORT/healthz"
wait_healthy "node exporter" "http://127.0.0.1:$NODE_PORT/healthz"

dotnet "$(bin Merger)" --web.listen-address="127.0.0.1:$MERGER_PORT" \
  --url="http://127.0.0.1:$STUB_PORT/metrics" --url="http://127.0.0.1:$LOG_PORT/metrics" \
  --url="http://127.0.0.1:$NODE_PORT/metrics" &
pids+=($!)
wait_healthy merger "http://127.0.0.1:$MERGER_PORT/healthz"

echo
[ "$have_nginx" -eq 1 ] && echo "nginx:                     http://127.0.0.1:$NGINX_PORT/   (access log: $state/nginx/logs/access.log)"
echo "nginx stub exporter:       http://127.0.0.1:$STUB_PORT/metrics"
echo "nginx access-log exporter: http://127.0.0.1:$LOG_PORT/metrics"
echo "node exporter:             http://127.0.0.1:$NODE_PORT/metrics"
echo "merged page (Prometheus):  http://127.0.0.1:$MERGER_PORT/metrics"
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}"
