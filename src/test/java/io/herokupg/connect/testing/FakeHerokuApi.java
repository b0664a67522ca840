/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Heroku Platform API's {@code GET /apps/{app}/config-vars}: it checks the Accept header
 * (version 3) and the bearer token as the API does (406 without the version, 401 without a valid token, 404 for an
 * unknown app) and answers a flat JSON object of the app's config vars.
 */
public final class FakeHerokuApi implements AutoCloseable {
    private final HttpServer server;
    private final String token;
    private final Map<String, Map<String, String>> apps = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private FakeHerokuApi(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    public static FakeHerokuApi start(String token) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeHerokuApi api = new FakeHerokuApi(server, token);
            server.createContext("/apps/", api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, for {@code api.url} / {@code heroku.api.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets (or replaces) a config var of an app. */
    public void setConfigVar(String app, String name, String value) {
        apps.computeIfAbsent(app, a -> new ConcurrentHashMap<>()).put(name, value);
    }

    /** Requests answered so far, whatever their status. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!"GET".equals(exchange.getRequestMethod()) || parts.length != 4 || !"config-vars".equals(parts[3])) {
            respond(exchange, 404, "{\"id\":\"not_found\",\"message\":\"Not found.\"}");
        } else if (accept == null || !accept.contains("application/vnd.heroku+json; version=3")) {
            respond(exchange, 406, "{\"id\":\"not_acceptable\",\"message\":\"Accept version=3 required\"}");
        } else if (!("Bearer " + token).equals(authorization)) {
            respond(exchange, 401, "{\"id\":\"unauthorized\",\"message\":\"Invalid credentials provided.\"}");
        } else if (!apps.containsKey(parts[2])) {
            respond(exchange, 404, "{\"id\":\"not_found\",\"message\":\"Couldn't find that app.\"}");
        } else {
            respond(exchange, 200, json(apps.get(parts[2])));
        }
    }

    private static String json(Map<String, String> vars) {
        StringBuilder out = new StringBuilder("{\n");
        new TreeMap<>(vars).forEach((k, v) -> out.append(out.length() > 2 ? ",\n" : "").append("  ")
            .append(quote(k)).append(": ").append(quote(v)));
        return out.append("\n}").toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '/') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
