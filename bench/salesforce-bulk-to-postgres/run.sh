#!/usr/bin/env bash
# Benchmark: N Opportunity rows (default 1,000,000) from the in-process Salesforce simulator through Bulk API 2.0 into
# PostgreSQL with the real CLI, then psql \copy of the same rows (exported from the loaded table) into an empty copy of
# the table, in the same run. Prints rows/s, data API calls vs the minimum for the page size, peak heap, and the ratio.
#
# Usage: bench/salesforce-bulk-to-postgres/run.sh [rows]     env: PGHOST PGPORT PGDATABASE PGUSER (default
#        127.0.0.1 5432 test postgres), BULK_PAGE (100000), CHUNK (10000), HEAP (1g)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-1000000}"
page="${BULK_PAGE:-100000}"
chunk="${CHUNK:-10000}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGDATABASE="${PGDATABASE:-test}" PGUSER="${PGUSER:-postgres}"
schema="bench_sf_bulk"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

jar="$home/target/tributary.jar"
# any module's main sources or pom newer than the jar (the launcher's test)
if [ ! -f "$jar" ] || [ -n "$(find "$home" -path '*/target' -prune -o \( -path '*/src/main/*' -o -name pom.xml \) \
    -newer "$jar" -print -quit)" ]; then
  (cd "$home" && ./mvnw -q -B -o -DskipTests package -pl app -am)
fi

psql -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema;"
cat > "$work/sf_bench.yml" <<YML
source:
  type: salesforce
  bulk_page_size: $page
  sandbox: { rows: 100, objects: { Opportunity: $rows }, seed: 42 }
sink: { type: postgres, url: "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE", user: $PGUSER, schema: $schema }
chunk_size: $chunk
streams:
  - name: opportunities
    primary_key: [Id]
    cursor: [SystemModstamp]
    options:
      object: Opportunity
      mode: bulk
      fields: [Id, Name, AccountId, StageName, Amount, Probability, CloseDate, Type, IsClosed, IsWon, OwnerId,
               Owner.Name, CreatedDate, LastModifiedDate, SystemModstamp]
YML

cd "$work"
start=$(date +%s.%N)
java -Xmx"${HEAP:-1g}" -Xlog:gc:file="$work/gc.log" --add-opens=java.base/java.nio=ALL-UNNAMED \
  -Dlogging.level.io.tributary.http=DEBUG -jar "$jar" run sf_bench.yml > "$work/run.out" 2>&1 \
  || { cat "$work/run.out"; exit 1; }
end=$(date +%s.%N)
loaded=$(psql -tA -c "SELECT count(*) FROM $schema.opportunities")
secs=$(echo "$end - $start" | bc -l)

# Data API calls: every request to /services/data (the OAuth token call is not an API call for the daily limit).
calls=$(grep -hE "salesforce (GET|POST|PATCH|DELETE) .*/services/data/" "$work"/.tributary/logs/*.log 2>/dev/null \
  | grep -c -- "->" || true)
results=$(grep -hE "salesforce GET .*/results" "$work"/.tributary/logs/*.log 2>/dev/null | grep -c -- "->" || true)
min_pages=$(( (rows + page - 1) / page ))
minimum=$(( min_pages + 2 ))   # results pages + job create + one status poll
peak_heap=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | cut -dM -f1 | sort -n | tail -1)

psql -q -v ON_ERROR_STOP=1 -c "\\copy (SELECT * FROM $schema.opportunities) TO '$work/opps.csv' CSV"
psql -q -v ON_ERROR_STOP=1 -c "CREATE TABLE $schema.copy_target (LIKE $schema.opportunities INCLUDING ALL)"
cstart=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 -c "\\copy $schema.copy_target FROM '$work/opps.csv' CSV"
cend=$(date +%s.%N)
csecs=$(echo "$cend - $cstart" | bc -l)

printf 'Salesforce Bulk 2.0 -> PostgreSQL, %s rows (loaded %s), bulk_page_size %s, chunk %s\n' "$rows" "$loaded" "$page" "$chunk"
printf '  tributary run (JVM start to exit): %.1f s, %.0f rows/s\n' "$secs" "$(echo "$rows / $secs" | bc -l)"
printf '  data API calls: %s (results pages %s); minimum for this page size: %s (%s pages + create + 1 poll)\n' \
  "$calls" "$results" "$minimum" "$min_pages"
printf '  peak heap before a GC: %s MB (-Xmx%s)\n' "${peak_heap:-?}" "${HEAP:-1g}"
printf '  psql \\copy of the same rows: %.1f s, %.0f rows/s\n' "$csecs" "$(echo "$rows / $csecs" | bc -l)"
printf '  ratio tributary / \\copy: %.2f\n' "$(echo "$csecs / $secs" | bc -l)"
psql -q -c "DROP SCHEMA $schema CASCADE"
