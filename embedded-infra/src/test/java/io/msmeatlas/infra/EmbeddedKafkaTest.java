package io.msmeatlas.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    Path dir;

    @Test
    void a_restarted_broker_keeps_its_records() throws Exception {
        int port = Ports.findFree();
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, port, Ports.findFree()).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                    kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "before restart")).get();
            }

            kafka.stop();
            assertThat(Ports.isFree(port)).isTrue();
            kafka.start();

            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put("group.id", "g");
            props.put("auto.offset.reset", "earliest");
            try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("t"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 60 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records).extracting(r -> r.value()).containsExactly("before restart");
            }
        }
    }

    @Test
    void a_taken_port_is_named_in_the_error() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            EmbeddedKafka kafka = new EmbeddedKafka(dir, taken.getLocalPort(), Ports.findFree());
            assertThatThrownBy(kafka::start)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("Kafka");
        }
    }
}
