package io.chainpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;

/**
 * Sends real transactions to a Droppio contract: deploy, tip, withdraw, and the two-tips-in-one-transaction
 * helper. Signs locally with the given key, so it works on anvil and on a real chain alike.
 */
public final class DroppioClient implements AutoCloseable {
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(500_000);
    private static final BigInteger DEPLOY_GAS_LIMIT = BigInteger.valueOf(3_000_000);

    private final Web3j web3j;
    private final TransactionManager transactions;
    private final PollingTransactionReceiptProcessor receipts;

    public DroppioClient(String rpcUrl, String privateKey, long chainId) {
        this.web3j = Web3j.build(new HttpService(rpcUrl));
        this.receipts = new PollingTransactionReceiptProcessor(web3j, 100, 600);
        this.transactions = new RawTransactionManager(web3j, Credentials.create(privateKey), chainId, receipts);
    }

    /** Deploys the named compiled contract and returns its lowercased address. */
    public String deploy(String contractName) {
        ContractArtifact artifact = ContractArtifact.load(contractName);
        TransactionReceipt receipt = send(null, artifact.bytecode(), BigInteger.ZERO, DEPLOY_GAS_LIMIT);
        return receipt.getContractAddress().toLowerCase(Locale.ROOT);
    }

    /** Sends {@code tip(to)} with the amount in ETH; returns the mined receipt. */
    public TransactionReceipt tip(String contract, String to, BigDecimal amountEth) {
        String data = FunctionEncoder.encode(new Function("tip", List.of(new Address(to)), List.of()));
        return send(contract, data, Convert.toWei(amountEth, Convert.Unit.ETHER).toBigIntegerExact(), GAS_LIMIT);
    }

    /** Calls DoubleTipper.tipTwice(droppio, to): one transaction, two TipSent logs. */
    public TransactionReceipt tipTwice(String doubleTipper, String droppio, String to, BigDecimal totalEth) {
        String data = FunctionEncoder.encode(new Function("tipTwice",
                List.of(new Address(droppio), new Address(to)), List.of()));
        return send(doubleTipper, data, Convert.toWei(totalEth, Convert.Unit.ETHER).toBigIntegerExact(), GAS_LIMIT);
    }

    public TransactionReceipt withdraw(String contract) {
        String data = FunctionEncoder.encode(new Function("withdraw", List.of(), List.of()));
        return send(contract, data, BigInteger.ZERO, GAS_LIMIT);
    }

    private TransactionReceipt send(String to, String data, BigInteger valueWei, BigInteger gasLimit) {
        try {
            EthSendTransaction sent = transactions.sendTransaction(BigInteger.valueOf(2_000_000_000L), gasLimit,
                    to, data, valueWei);
            if (sent.hasError()) {
                throw new IllegalStateException("transaction refused: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException("transaction " + receipt.getTransactionHash() + " reverted");
            }
            return receipt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TransactionException e) {
            throw new IllegalStateException("transaction not mined: " + e.getMessage(), e);
        }
    }

    /** True when a contract is deployed at the address. */
    public boolean hasCode(String address) {
        try {
            String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Web3j web3j() {
        return web3j;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
