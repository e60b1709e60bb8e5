package io.msmeatlas.launcher;

import java.util.Map;

/** One platform service as the launcher starts it: its module (for the jar), port and environment. */
record ServiceSpec(String name, String module, int port, Map<String, String> environment) {
}
