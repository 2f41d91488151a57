package io.chainpulse.gateway;

/** Why a socket is refused, as the close code and reason the client receives. */
record Refusal(int code, String reason) {
    static final int POLICY_VIOLATION = 1008;
    static final int TRY_AGAIN_LATER = 1013;

    static Refusal policy(String reason) {
        return new Refusal(POLICY_VIOLATION, reason);
    }
}
