package io.chainpulse.ingest.evm;

import java.util.List;
import org.web3j.protocol.core.Response;

/** web3j response types for the two calls whose JSON ingest maps itself. */
final class RpcResponses {
    private RpcResponses() {}

    static final class Logs extends Response<List<RpcLog>> {}

    static final class Header extends Response<BlockHeader> {}
}
