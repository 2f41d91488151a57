package io.chainpulse.gateway.session;

import java.net.URI;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;

/**
 * Upgrades requests under {@code /ws/} to tip sockets with Jetty's core WebSocket layer, in front of Javalin; every
 * other request passes on to the handler below (Javalin's servlet context). An open socket keeps nothing of its
 * request: Jetty gives each socket the request URI, which here is one shared {@link URI} without the path and query
 * (they carry the creator and the token, and were read during the handshake).
 */
public final class TipSocketHandler extends Handler.Wrapper {
    private static final String PREFIX = "/ws/";
    private static final HttpURI SHARED_URI = new SharedUri(HttpURI.from("ws://push-gateway/ws"));

    private final Handshaker handshaker = Handshaker.newInstance();
    private final WebSocketComponents components;
    private final TipSockets sockets;

    public TipSocketHandler(WebSocketComponents components, TipSockets sockets) {
        this.components = components;
        this.sockets = sockets;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (Request.getPathInContext(request).startsWith(PREFIX) && handshaker.isWebSocketUpgradeRequest(request)) {
            try {
                if (handshaker.upgradeRequest(sockets, new Request.Wrapper(request) {
                    @Override
                    public HttpURI getHttpURI() {
                        return SHARED_URI;
                    }
                }, response, callback, components, null)) {
                    return true;
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /** An {@link HttpURI} whose {@link #toURI()} is one object, however many sockets ask for it. */
    private static final class SharedUri implements HttpURI {
        private final HttpURI.Immutable uri;
        private final URI asUri;

        SharedUri(HttpURI.Immutable uri) {
            this.uri = uri;
            this.asUri = uri.toURI();
        }

        @Override
        public URI toURI() {
            return asUri;
        }

        @Override
        public HttpURI.Immutable asImmutable() {
            return uri;
        }

        @Override
        public String asString() {
            return uri.asString();
        }

        @Override
        public String getAuthority() {
            return uri.getAuthority();
        }

        @Override
        public String getDecodedPath() {
            return uri.getDecodedPath();
        }

        @Override
        public String getCanonicalPath() {
            return uri.getCanonicalPath();
        }

        @Override
        public String getFragment() {
            return uri.getFragment();
        }

        @Override
        public String getHost() {
            return uri.getHost();
        }

        @Override
        public String getParam() {
            return uri.getParam();
        }

        @Override
        public String getPath() {
            return uri.getPath();
        }

        @Override
        public String getPathQuery() {
            return uri.getPathQuery();
        }

        @Override
        public int getPort() {
            return uri.getPort();
        }

        @Override
        public String getQuery() {
            return uri.getQuery();
        }

        @Override
        public String getScheme() {
            return uri.getScheme();
        }

        @Override
        public String getUser() {
            return uri.getUser();
        }

        @Override
        public boolean hasAuthority() {
            return uri.hasAuthority();
        }

        @Override
        public boolean isAbsolute() {
            return uri.isAbsolute();
        }

        @Override
        public boolean isAmbiguous() {
            return uri.isAmbiguous();
        }

        @Override
        public boolean hasViolations() {
            return uri.hasViolations();
        }

        @Override
        public boolean hasViolation(UriCompliance.Violation violation) {
            return uri.hasViolation(violation);
        }

        @Override
        public java.util.Collection<UriCompliance.Violation> getViolations() {
            return uri.getViolations();
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }
}
