package io.msmeatlas.valuation.training;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The valuation model's command line, run at build or release time (never by the service):
 * {@code train} writes a new artifact and model card, {@code bench} measures scoring throughput.
 * Run through {@code scripts/train-valuation-model.sh}.
 */
@Command(name = "valuation-model", mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, BenchCommand.class},
        description = "Train and measure the MSMEAtlas valuation model.")
public final class ModelTool {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelTool()).execute(args));
    }
}
