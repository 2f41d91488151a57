package io.chainpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalStackIT {

    @Test
    void shouldRunARealBrokerThatStoresAndServesRecords() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.startSingle(); var admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic("smoke", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.GROUP_ID_CONFIG, "smoke"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                String value = null;
                long deadline = System.currentTimeMillis() + 30_000;
                while (value == null && System.currentTimeMillis() < deadline) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        value = record.value();
                    }
                }
                assertThat(value).isEqualTo("v");
            }
        }
    }

    @Test
    void shouldDeployDroppioAndMineATipOnAnvil() {
        try (AnvilChain chain = AnvilChain.start();
                DroppioClient client = new DroppioClient(chain.httpUrl(), AnvilChain.DEV_PRIVATE_KEY, AnvilChain.CHAIN_ID)) {
            String droppio = client.deploy("Droppio");

            TransactionReceipt receipt = client.tip(droppio, "0x00000000000000000000000000000000000000aa",
                    new BigDecimal("0.05"));

            assertThat(receipt.getLogs()).hasSize(1);
            assertThat(receipt.getLogs().get(0).getAddress()).isEqualToIgnoringCase(droppio);
        }
    }
}
