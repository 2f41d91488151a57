package io.chainpulse.ingest.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RpcUrlsTest {

    @Test
    void shouldHideAnApiKeyInThePath() {
        assertThat(RpcUrls.redact("https://base-mainnet.g.alchemy.com/v2/Xy7kQ2mN9pR4sT6uV8wZ0aB1cD3eF5gH"))
                .isEqualTo("https://base-mainnet.g.alchemy.com/v2/***");
        assertThat(RpcUrls.redact("wss://base-mainnet.g.alchemy.com/v2/Xy7kQ2mN9pR4sT6uV8wZ0aB1cD3eF5gH"))
                .isEqualTo("wss://base-mainnet.g.alchemy.com/v2/***");
        assertThat(RpcUrls.redact("https://still-dawn-123.base-mainnet.quiknode.pro/0123456789abcdef0123456789abcdef01234567/"))
                .isEqualTo("https://still-dawn-123.base-mainnet.quiknode.pro/***/");
        assertThat(RpcUrls.redact("https://mainnet.infura.io/v3/9aa3d95b3bc440fa88ea12eaa4456161"))
                .isEqualTo("https://mainnet.infura.io/v3/***");
    }

    @Test
    void shouldHideEveryQueryValueAndTheUserInfo() {
        assertThat(RpcUrls.redact("https://rpc.example.com/soroban?apiKey=s3cret&network=testnet"))
                .isEqualTo("https://rpc.example.com/soroban?apiKey=***&network=***");
        assertThat(RpcUrls.redact("https://alice:pa55word@rpc.example.com:8545/"))
                .isEqualTo("https://***@rpc.example.com:8545/");
        assertThat(RpcUrls.redact("http://127.0.0.1:8545#token=abc")).isEqualTo("http://127.0.0.1:8545#***");
    }

    @Test
    void shouldRedactEachUrlOfACommaSeparatedSetting() {
        assertThat(RpcUrls.redact("wss://a.example/v2/Xy7kQ2mN9pR4sT6uV8wZ0aB1cD3eF5gH,http://127.0.0.1:8545?key=abc"))
                .isEqualTo("wss://a.example/v2/***,http://127.0.0.1:8545?key=***");
    }

    @Test
    void shouldKeepAUrlWithoutSecretsAsItIs() {
        assertThat(RpcUrls.redact("https://soroban-testnet.stellar.org")).isEqualTo("https://soroban-testnet.stellar.org");
        assertThat(RpcUrls.redact("http://127.0.0.1:8000/soroban/rpc")).isEqualTo("http://127.0.0.1:8000/soroban/rpc");
        assertThat(RpcUrls.redact("ws://anvil:8545")).isEqualTo("ws://anvil:8545");
        assertThat(RpcUrls.redact(null)).isNull();
    }

    @Test
    void shouldRedactAUrlQuotedInsideAMessage() {
        String url = "https://x.quiknode.pro/0123456789abcdef0123456789abcdef01234567/";

        String message = RpcUrls.hideIn("java.net.ConnectException: cannot reach " + url + " (refused)", List.of(url));

        assertThat(message).isEqualTo("java.net.ConnectException: cannot reach https://x.quiknode.pro/***/ (refused)")
                .doesNotContain("0123456789abcdef");
    }
}
