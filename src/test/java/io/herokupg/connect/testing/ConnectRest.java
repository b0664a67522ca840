/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small client for the Kafka Connect REST API, as a user would call it. */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ConnectRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response: status code and body (parsed as JSON when it is JSON, else a text node). */
    public record Response(int status, JsonNode body) {
    }

    /** {@code PUT /connectors/{name}/config}: creates or updates a connector; fails unless the worker accepts it. */
    public Response putConnector(String name, Map<String, String> config) {
        Response response = tryPutConnector(name, config);
        if (response.status() != 200 && response.status() != 201) {
            throw new AssertionError("the worker refused connector " + name + ": " + response);
        }
        return response;
    }

    /** {@code PUT /connectors/{name}/config}, whatever the answer. */
    public Response tryPutConnector(String name, Map<String, String> config) {
        return send("PUT", "connectors/" + encode(name) + "/config", config);
    }

    public Response status(String name) {
        return send("GET", "connectors/" + encode(name) + "/status", null);
    }

    public Response connectorConfig(String name) {
        return send("GET", "connectors/" + encode(name) + "/config", null);
    }

    public Response tasks(String name) {
        return send("GET", "connectors/" + encode(name) + "/tasks", null);
    }

    public Response stop(String name) {
        return send("PUT", "connectors/" + encode(name) + "/stop", null);
    }

    public Response resume(String name) {
        return send("PUT", "connectors/" + encode(name) + "/resume", null);
    }

    /** {@code POST /connectors/{name}/tasks/{task}/restart}. */
    public Response restartTask(String name, int task) {
        return send("POST", "connectors/" + encode(name) + "/tasks/" + task + "/restart", null);
    }

    public Response delete(String name) {
        return send("DELETE", "connectors/" + encode(name), null);
    }

    public Response offsets(String name) {
        return send("GET", "connectors/" + encode(name) + "/offsets", null);
    }

    /** {@code PATCH /connectors/{name}/offsets} with a body {"offsets": [...]}. */
    public Response patchOffsets(String name, Object body) {
        return send("PATCH", "connectors/" + encode(name) + "/offsets", body);
    }

    /**
     * {@code PUT /connector-plugins/{class}/config/validate}: the error messages of each key that has any.
     */
    public Map<String, java.util.List<String>> validate(Map<String, String> config) {
        String plugin = config.get("connector.class");
        Response response = send("PUT", "connector-plugins/" + encode(plugin) + "/config/validate", config);
        if (response.status() != 200) {
            throw new AssertionError("validate answered " + response);
        }
        Map<String, java.util.List<String>> errors = new java.util.TreeMap<>();
        for (JsonNode item : response.body().path("configs")) {
            java.util.List<String> messages = new java.util.ArrayList<>();
            item.path("value").path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(item.path("value").path("name").asText(), messages);
            }
        }
        return errors;
    }

    public Response plugins() {
        return send("GET", "connector-plugins", null);
    }

    /** Waits until the connector's status satisfies the condition; fails with the last status otherwise. */
    public JsonNode awaitStatus(String name, Predicate<JsonNode> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = status(name);
            if (last.status() == 200 && condition.test(last.body())) {
                return last.body();
            }
            sleep(200);
        }
        throw new AssertionError("connector " + name + " did not reach the expected state in " + timeout
            + "; last status: " + (last == null ? "none" : last.body()));
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING. */
    public JsonNode awaitRunning(String name, int tasks) {
        return awaitStatus(name, s -> "RUNNING".equals(s.path("connector").path("state").asText())
            && s.path("tasks").size() == tasks
            && allTasksIn(s, "RUNNING"), Duration.ofSeconds(60));
    }

    public static boolean allTasksIn(JsonNode status, String state) {
        for (JsonNode task : status.path("tasks")) {
            if (!state.equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private Response send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(90))
                .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
