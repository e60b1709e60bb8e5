package io.msmeatlas.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port checks that fail with a message naming the component, before anything starts. */
public final class Ports {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    public static void requireFree(int port, String component) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " (" + component + ") is already in use. "
                    + "Stop whatever holds it or choose another port.");
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers do: TIME_WAIT connections must not count as "in use"
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port free now, for tests and tools that start servers beside others. Chosen below the kernel's
     * ephemeral range (32768 and up on Linux): a port from there, free when asked, is often taken a
     * few seconds later by some outgoing connection, before the server that was meant to get it
     * starts. Never the same port twice in one JVM.
     */
    public static int findFree() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (isFree(port) && isFreeOnAllInterfaces(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean isFreeOnAllInterfaces(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
