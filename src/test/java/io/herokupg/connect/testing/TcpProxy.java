/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a real server, for tests that need a slow network: each chunk a client sends is held for
 * a set delay before it is forwarded. TLS passes through untouched. When either side closes, so does the other.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long clientDelayMillis;
    private volatile boolean stalled;

    private TcpProxy(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A proxy on a free local port that forwards to the given server. */
    public static TcpProxy start(String targetHost, int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetHost,
            targetPort);
        proxy.threads.execute(proxy::accept);
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Holds each chunk a client sends from now on for this long before forwarding it. */
    public void delayClientWrites(Duration delay) {
        clientDelayMillis = delay.toMillis();
    }

    /** Closes every connection open now, as a network failure or a failover would; new ones are accepted. */
    public void cutAll() {
        List<Socket> open = List.copyOf(sockets);
        sockets.removeAll(open);
        open.forEach(TcpProxy::closeQuietly);
    }

    /**
     * While stalled, nothing is forwarded in either direction, on open and new connections alike, and no side sees
     * its connection closed: as a network that silently drops packets.
     */
    public void stall(boolean stall) {
        stalled = stall;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                threads.execute(() -> pump(client, server, true));
                threads.execute(() -> pump(server, client, false));
            } catch (IOException e) {
                // The listener was closed, or the server refused: the client sees its connection closed.
                continue;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                while (stalled && !from.isClosed()) {
                    Thread.sleep(20);
                }
                long delay = fromClient ? clientDelayMillis : 0;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ignored) {
            // One side closed or failed: close both, below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        sockets.forEach(TcpProxy::closeQuietly);
        threads.shutdownNow();
    }
}
