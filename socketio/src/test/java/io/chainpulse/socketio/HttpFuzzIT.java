package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random methods, queries and bodies sent to {@code /socket.io/} of a real server, and random packets posted into a
 * real polling session: every answer is one of the documented ones (200, 204, 400, 403, 413), never a server error.
 * Bodies go with {@code Expect: 100-continue}: a refused request's body is never read, and without it the server's
 * close of the connection could reset the answer before the client reads it.
 */
class HttpFuzzIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static ConformanceServer server;

    @BeforeContainer
    static void start() throws Exception {
        server = ConformanceServer.start(0, new SocketIoSettings(Duration.ofSeconds(20), Duration.ofSeconds(20), 2000,
                100_000, 5, Duration.ofSeconds(45)), Admission.OPEN);
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    @Property(tries = 300)
    void shouldAnswerAnyRequestWithADocumentedStatus(@ForAll("methods") String method, @ForAll("queries") String query,
            @ForAll("bodies") String body) throws Exception {
        HttpResponse<String> response = send(method, query, body);

        assertThat(response.statusCode()).as("%s ?%s", method, query).isIn(200, 204, 400, 403, 413);
    }

    @Property(tries = 300)
    void shouldAnswerAnyPostIntoASessionWith200Or400Or413(@ForAll("bodies") String body) throws Exception {
        String open = send("GET", "EIO=4&transport=polling", "").body();
        String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\""));

        HttpResponse<String> response = send("POST", "EIO=4&transport=polling&sid=" + sid, body);

        assertThat(response.statusCode()).isIn(200, 400, 413);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> eio = Arbitraries.of("EIO=4", "EIO=3", "EIO=abc", "EIO=", "", "EIO=4&EIO=3");
        Arbitrary<String> transport = Arbitraries.of("transport=polling", "transport=websocket", "transport=abc", "");
        Arbitrary<String> sid = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().ofMaxLength(30).map(value -> "sid=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return Combinators.combine(eio, transport, sid).as((a, b, c) -> a + "&" + b + "&" + c);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> packets = Arbitraries.of("1", "2", "3", "40", "42[\"message\",1]", "452-[\"message\"]",
                "bAQID", "b!!", "", "4abc", "5", "6");
        return Arbitraries.oneOf(packets.list().ofMaxSize(6).map(list -> String.join("\u001e", list)),
                Arbitraries.strings().ofMaxLength(3000));
    }

    private static HttpResponse<String> send(String method, String query, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/socket.io/?" + query))
                .timeout(Duration.ofSeconds(30)).expectContinue(!body.isEmpty())
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
