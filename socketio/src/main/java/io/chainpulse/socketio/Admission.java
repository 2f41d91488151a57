package io.chainpulse.socketio;

/**
 * The embedding application's say on new sessions: which browser origins may use the server, and whether an address
 * is within its connection rate. Calls come from Jetty's threads and must not block.
 */
public interface Admission {
    /** Lets every origin and every address in. */
    Admission OPEN = new Admission() {
        @Override
        public boolean originAllowed(String origin, String host) {
            return true;
        }

        @Override
        public boolean connectionAllowed(String remoteAddress) {
            return true;
        }
    };

    /** May a page of {@code origin} (the Origin header; null when not sent) use the server reached as {@code host}? */
    boolean originAllowed(String origin, String host);

    /** May {@code remoteAddress} open one more session now? */
    boolean connectionAllowed(String remoteAddress);
}
