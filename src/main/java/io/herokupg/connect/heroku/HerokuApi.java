/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.heroku;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A client of the one Heroku Platform API call the connector needs: an app's config vars
 * ({@code GET /apps/{app}/config-vars}). Its messages name the app and the HTTP status, never the token or a value.
 */
public final class HerokuApi {
    /** The Platform API's address. */
    public static final String DEFAULT_URL = "https://api.heroku.com";
    /** The media type that selects version 3 of the API, which Heroku requires. */
    public static final String ACCEPT = "application/vnd.heroku+json; version=3";

    private final URI baseUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the API's address, {@link #DEFAULT_URL} but in tests
     * @param token   an API token (OAuth authorization) with the read-protected or global scope
     * @param timeout how long connecting, and then the whole request, may take
     */
    public HerokuApi(String baseUrl, String token, Duration timeout) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a Heroku API token is required (read-protected or global scope)");
        }
        String url = baseUrl == null || baseUrl.isBlank() ? DEFAULT_URL : baseUrl.trim();
        this.baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = token.trim();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    /**
     * The config vars of an app (by name or id), as the API returns them.
     *
     * @throws HerokuApiException if the API cannot be reached or refuses; the message says why, without secrets
     */
    public Map<String, String> configVars(String app) {
        if (app == null || app.isBlank()) {
            throw new HerokuApiException("no Heroku app is named", false);
        }
        URI uri = baseUrl.resolve("apps/" + URLEncoder.encode(app.trim(), StandardCharsets.UTF_8) + "/config-vars");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
            .header("Accept", ACCEPT)
            .header("Authorization", "Bearer " + token)
            .header("User-Agent", "kafka-connect-heroku-postgres")
            .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HerokuApiException("could not reach the Heroku Platform API at " + baseUrl + " for the config"
                + " vars of app '" + app + "': " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HerokuApiException("interrupted while fetching the config vars of app '" + app + "'", true);
        }
        return parse(app, response);
    }

    private static Map<String, String> parse(String app, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            try {
                return FlatJson.parseObject(response.body());
            } catch (IllegalArgumentException e) {
                throw new HerokuApiException("the Heroku Platform API answered for app '" + app + "' with "
                    + e.getMessage(), false);
            }
        }
        String why = switch (status) {
            case 401 -> "the API token is invalid or expired";
            case 403 -> "the API token may not read this app's config vars (it needs the read-protected or global"
                + " scope, and access to the app)";
            case 404 -> "there is no such app, or the token's account cannot see it";
            case 429 -> "the account's rate limit (about 4,500 requests an hour) is exhausted";
            default -> "HTTP status " + status;
        };
        throw new HerokuApiException("the Heroku Platform API refused the config vars of app '" + app + "': " + why,
            status == 429 || status >= 500);
    }
}
