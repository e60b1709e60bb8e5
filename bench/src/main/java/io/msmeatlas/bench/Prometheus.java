package io.msmeatlas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The few things the benchmark reads from the Prometheus text format. */
record Prometheus(List<Sample> samples) {

    record Sample(String name, String labels, double value) {
    }

    static Prometheus parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name;
            String labels;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                labels = line.substring(brace, line.lastIndexOf('}') + 1);
            } else {
                name = line.substring(0, space).strip();
                labels = "";
            }
            try {
                samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).strip())));
            } catch (NumberFormatException e) {
                // An exemplar or timestamp suffix: not a series this benchmark reads.
            }
        }
        return new Prometheus(samples);
    }

    double sum(String name, String labelContains) {
        return samples.stream().filter(s -> s.name.equals(name) && s.labels.contains(labelContains))
                .mapToDouble(Sample::value).sum();
    }

    double sum(String name, String labelContains, String alsoContains) {
        return samples.stream().filter(s -> s.name.equals(name) && s.labels.contains(labelContains)
                && s.labels.contains(alsoContains)).mapToDouble(Sample::value).sum();
    }

    double max(String name) {
        return samples.stream().filter(s -> s.name.equals(name)).mapToDouble(Sample::value).max().orElse(0);
    }

    /** Cumulative counts per upper bound, summed over every other label (e.g. each collector). */
    Map<Double, Double> buckets(String name) {
        Map<Double, Double> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (!s.name.equals(name)) {
                continue;
            }
            int at = s.labels.indexOf("le=\"");
            if (at < 0) {
                continue;
            }
            String le = s.labels.substring(at + 4, s.labels.indexOf('"', at + 4));
            buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.value, Double::sum);
        }
        return buckets;
    }
}
