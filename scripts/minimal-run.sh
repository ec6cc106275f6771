# Sourced by scripts that start the suite's services with a minimal configuration on 127.0.0.1
# (scripts/publish-check.sh, benchmarks/compare/*.sh): a free port, and each service's arguments.

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# minimal_log_config DIR: an empty DIR/access.log and DIR/nginxlogsexp.yml, which follows it in the worker
# stack's log format.
minimal_log_config() {
  : > "$1/access.log"
  cat > "$1/nginxlogsexp.yml" <<YAML
namespaces:
  - name: nginx
    format: "\$remote_addr - \$remote_user [\$time_local] \\"\$request\\" \$status \$body_bytes_sent \\"\$http_referer\\" \\"\$http_user_agent\\" rt=\$request_time"
    source:
      files:
        - $1/access.log
YAML
}

# minimal_args PROJECT PORT DIR UPSTREAM_PORT -> the arguments of a minimal run of PROJECT (its folder
# under src/), one per line: listening on 127.0.0.1:PORT; the stub exporter scrapes
# 127.0.0.1:UPSTREAM_PORT/stub_status, the merger merges 127.0.0.1:UPSTREAM_PORT/metrics (nothing need
# listen there: both still serve their page), and the access-log exporter follows DIR's minimal_log_config.
minimal_args() {
  printf '%s\n' "--web.listen-address=127.0.0.1:$2" --log.level=warn
  case $1 in
    Exporters.NginxStub) printf '%s\n' "--nginx.scrape-uri=http://127.0.0.1:$4/stub_status" ;;
    Exporters.NginxLog) printf '%s\n' "--config.file=$3/nginxlogsexp.yml" ;;
    Merger) printf '%s\n' "--url=http://127.0.0.1:$4/metrics" ;;
  esac
}
