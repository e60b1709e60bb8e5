#!/usr/bin/env bash
# Trains the valuation model and writes valuation/src/main/resources/model/{valuation-model.ubj,
# valuation-model.json,MODEL_CARD.md}, ready to commit. Build and release time only: the service never
# trains, it loads the committed model from its classpath at start-up.
#
#   scripts/train-valuation-model.sh                      # train with the defaults (seed, samples, rounds)
#   scripts/train-valuation-model.sh --model-version 1.1.0 --seed 42
#   scripts/train-valuation-model.sh --help               # every option
#   scripts/train-valuation-model.sh bench                # single vs batched scoring throughput of the committed model
set -euo pipefail
cd "$(dirname "$0")/.."

command=train
if [[ "${1:-}" == "bench" || "${1:-}" == "train" ]]; then
  command=$1
  shift
fi

./mvnw -B -q install -DskipTests -pl valuation -am
classpath_file=valuation/target/classpath.txt
./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -pl valuation \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile
exec java -Xmx512m -cp "valuation/target/classes:$(cat "$classpath_file")" \
  io.msmeatlas.valuation.training.ModelTool "$command" "$@"
