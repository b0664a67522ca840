/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/** Kafka (KRaft) and a Connect worker in this JVM, from Kafka's own test harness. */
public final class EmbeddedConnectFixture implements ConnectFixture {
    private final EmbeddedConnectCluster cluster;

    private EmbeddedConnectFixture(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts a cluster. With a plugin path, the worker loads plugins from there, isolated; without, from the test
     * classpath.
     */
    public static EmbeddedConnectFixture start(int workers, Optional<Path> pluginPath) {
        return start(workers, pluginPath, false);
    }

    /**
     * Starts a cluster, with workers in exactly-once mode for source connectors (KIP-618) when asked, and a broker
     * whose transaction log works with a single broker.
     */
    public static EmbeddedConnectFixture start(int workers, Optional<Path> pluginPath, boolean exactlyOnce) {
        Map<String, String> props = new HashMap<>();
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.flush.interval.ms", "1000");
        // Reassign the tasks of a worker that left after 2 s instead of the default 5 minutes.
        props.put("scheduled.rebalance.max.delay.ms", "2000");
        // Config providers, so tests can keep secrets out of connector configs as users should (KIP-297, KIP-632).
        props.put("config.providers", "file,dir");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        pluginPath.ifPresent(p -> props.put("plugin.path", p.toString()));
        Properties broker = new Properties();
        if (exactlyOnce) {
            props.put("exactly.once.source.support", "enabled");
            broker.put("transaction.state.log.replication.factor", "1");
            broker.put("transaction.state.log.min.isr", "1");
        }
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
            .name("herokupg-it")
            .numWorkers(workers)
            .numBrokers(1)
            .workerProps(props)
            .brokerProps(broker)
            .build();
        cluster.start();
        return new EmbeddedConnectFixture(cluster);
    }

    @Override
    public String restUrl() {
        String url = cluster.endpointForResource("");
        return url.endsWith("/") ? url : url + "/";
    }

    @Override
    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    @Override
    public String hostForWorker(String host, int port) {
        return host;
    }

    /** Stops the worker with this id ({@code host:port}, as the REST status reports it). */
    public void stopWorker(String workerId) {
        WorkerHandle worker = cluster.workers().stream()
            .filter(w -> workerId.equals(w.url().getHost() + ":" + w.url().getPort()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no worker " + workerId + " among " + cluster.workers()));
        cluster.removeWorker(worker);
    }

    /** Starts one more worker in the cluster. */
    public void addWorker() {
        cluster.addWorker();
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
