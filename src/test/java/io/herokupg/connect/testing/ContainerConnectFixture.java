/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.nio.file.Path;
import java.time.Duration;

import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.MountableFile;

/**
 * A broker and a distributed Connect worker in containers (Apache Kafka's image), the worker loading our connector
 * from the unpacked Hub archive: the Docker-engine path of {@link ConnectFixture}.
 */
public final class ContainerConnectFixture implements ConnectFixture {
    private static final String IMAGE = "apache/kafka:4.1.0";

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> worker;

    private ContainerConnectFixture(Network network, KafkaContainer kafka, GenericContainer<?> worker) {
        this.network = network;
        this.kafka = kafka;
        this.worker = worker;
    }

    @SuppressWarnings("resource")
    public static ContainerConnectFixture start(Path unpackedArchive) {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(IMAGE).withNetwork(network).withListener("kafka:19092");
        kafka.start();
        String workerProps = String.join("\n",
            "bootstrap.servers=kafka:19092",
            "group.id=herokupg-it",
            "config.storage.topic=connect-configs", "offset.storage.topic=connect-offsets",
            "status.storage.topic=connect-status",
            "config.storage.replication.factor=1", "offset.storage.replication.factor=1",
            "status.storage.replication.factor=1",
            "key.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter=org.apache.kafka.connect.json.JsonConverter",
            "offset.flush.interval.ms=1000",
            "plugin.path=/plugins", "plugin.discovery=service_load",
            "listeners=http://0.0.0.0:8083", "");
        GenericContainer<?> worker = new GenericContainer<>(IMAGE)
            .withNetwork(network)
            .withCopyToContainer(Transferable.of(workerProps), "/tmp/worker.properties")
            .withCopyFileToContainer(MountableFile.forHostPath(unpackedArchive), "/plugins/herokupg")
            .withAccessToHost(true)
            .withCommand("/opt/kafka/bin/connect-distributed.sh", "/tmp/worker.properties")
            .withExposedPorts(8083)
            .waitingFor(Wait.forHttp("/connectors").forPort(8083).withStartupTimeout(Duration.ofMinutes(3)));
        worker.start();
        return new ContainerConnectFixture(network, kafka, worker);
    }

    @Override
    public String restUrl() {
        return "http://" + worker.getHost() + ":" + worker.getMappedPort(8083) + "/";
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String hostForWorker(String host, int port) {
        Testcontainers.exposeHostPorts(port);
        return "host.testcontainers.internal";
    }

    @Override
    public void close() {
        worker.stop();
        kafka.stop();
        network.close();
    }
}
