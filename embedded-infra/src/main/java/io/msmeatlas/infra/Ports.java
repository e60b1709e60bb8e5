package io.msmeatlas.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks that fail with a message naming the component, before anything starts. */
public final class Ports {

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

    /** A port the OS says is free now; for tests. */
    public static int findFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
