package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.schemas.tip.TipEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The overlay page in real headless Chromium, across a gateway stop and restart. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OverlayBrowserIT {
    private static TestStack stack;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(OverlayBrowser.available(),
                "needs Debian's chromium at /usr/bin/chromium and npm playwright-core (apt-get install chromium)");
        stack = TestStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldShowEveryTipSentWhileTheGatewayWasDownExactlyOnceAfterItReturns() throws Exception {
        var creator = stack.aCreator();
        Map<String, String> onePort = Map.of("GATEWAY_PORT", String.valueOf(freePort()));
        GatewayApp gateway = stack.startGateway(onePort);
        String page = "http://127.0.0.1:" + gateway.port() + "/overlay/" + creator.id() + "?token=" + creator.token()
                + "&showMs=0";
        try (OverlayBrowser browser = OverlayBrowser.open(page)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> gateway.connectionsOf(creator.id()) == 1);
            stack.send(TestTips.aTip(creator.id(), "0.01"));
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.alertIds().size() == 1);

            gateway.close();
            List<TipEvent> whileDown = IntStream.rangeClosed(1, 5)
                    .mapToObj(i -> TestTips.aTip(creator.id(), "0.0" + (i + 1))).toList();
            stack.sendAll(whileDown);

            try (GatewayApp restarted = stack.startGateway(onePort)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> browser.alertIds().size() >= 6);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> browser.alertIds().size() == 6);
                assertThat(browser.alertIds()).doesNotHaveDuplicates();
                assertThat(browser.alertTexts()).extracting(text -> text.split("\n")[0])
                        .containsExactly("0.01 ETH", "0.02 ETH", "0.03 ETH", "0.04 ETH", "0.05 ETH", "0.06 ETH");

                Path screenshot = SocketIoNodeClient.repoRoot().resolve("push-gateway/target/overlay.png");
                Files.createDirectories(screenshot.getParent());
                browser.screenshot(screenshot);
                assertThat(screenshot).isNotEmptyFile();
            }
        } finally {
            gateway.close();
        }
    }
}
