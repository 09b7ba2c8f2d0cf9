#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft, combined broker+controller) without Docker.
# Jars come from Maven Central via Maven (scripts/kafka/pom.xml) and are cached outside git.
#
#   kafka.sh fetch    download the broker jars into the cache (idempotent)
#   kafka.sh start    fetch, format storage if new, start in the background, wait until ready
#   kafka.sh stop     stop the broker started from this data dir, by its pid
#   kafka.sh status   exit 0 when the broker of this data dir runs
#
# Settings (environment):
#   KAFKA_PORT       client port on 127.0.0.1            (default 9092)
#   KAFKA_CONTROLLER_PORT controller port                 (default KAFKA_PORT + 1)
#   KAFKA_DATA_DIR   logs, config, pid file               (default ./.data/kafka)
#   KAFKA_CACHE_DIR  where jars are cached                (default ~/.cache/statement-tracker)
#   KAFKA_HEAP       JVM heap                             (default 512m)
#   KAFKA_START_TIMEOUT seconds to wait for readiness     (default 90)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
port="${KAFKA_PORT:-9092}"
cport="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${KAFKA_DATA_DIR:-$PWD/.data/kafka}"
cache="${KAFKA_CACHE_DIR:-$HOME/.cache/statement-tracker}/kafka-$version"
libs="$cache/libs"
pidfile="$data/kafka.pid"

log() { echo "[kafka] $*" >&2; }

fetch() {
  if [ -f "$libs/.complete" ]; then return 0; fi
  command -v java >/dev/null || { log "java not found: install a JDK 17 (apt-get install openjdk-17-jre-headless)"; exit 1; }
  command -v mvn >/dev/null || { log "mvn not found: install Maven (apt-get install maven)"; exit 1; }
  log "fetching Apache Kafka $version jars from Maven Central into $libs"
  rm -rf "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  touch "$libs/.complete"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_config() {
  mkdir -p "$data/logs"
  cat > "$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data/logs
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
PROPS
  cat > "$data/log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
PROPS
  sed -i "s#^log4j.appender.file=.*#&\nlog4j.appender.file.File=$data/server.log#" "$data/log4j.properties"
}

start() {
  if running; then log "already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return 0; fi
  if port_open "$port"; then log "port $port is taken by another process; set KAFKA_PORT"; exit 1; fi
  fetch
  write_config
  local cp="$libs/*"
  if [ ! -f "$data/logs/meta.properties" ]; then
    local cluster
    cluster="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    java -cp "$cp" -Dlog4j.configuration="file:$data/log4j.properties" \
      kafka.tools.StorageTool format -t "$cluster" -c "$data/server.properties" >/dev/null
  fi
  : > "$data/server.log"
  nohup java "-Xmx${KAFKA_HEAP:-512m}" "-Xms${KAFKA_HEAP:-512m}" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$data/log4j.properties" -cp "$cp" \
    kafka.Kafka "$data/server.properties" > "$data/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  local deadline=$(( $(date +%s) + ${KAFKA_START_TIMEOUT:-90} ))
  until grep -q "Kafka Server started" "$data/server.log" 2>/dev/null && port_open "$port"; do
    if ! running; then log "broker exited during start; see $data/server.log and $data/stdout.log"; tail -n 20 "$data/stdout.log" >&2; rm -f "$pidfile"; exit 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then log "broker not ready after ${KAFKA_START_TIMEOUT:-90}s"; stop; exit 1; fi
    sleep 0.5
  done
  log "Kafka $version ready on 127.0.0.1:$port (pid $(cat "$pidfile"), data $data)"
}

stop() {
  if ! running; then rm -f "$pidfile"; log "not running"; return 0; fi
  local pid; pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "pid $pid did not stop in 30s; sending SIGKILL"; kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  log "stopped (pid $pid)"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) running ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
