package io.chainpulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CreatorRegistryIT {
    private static Database database;
    private static CreatorRegistry creators;
    private static OverlayTokens tokens;

    @BeforeAll
    static void migrate() {
        database = TestDatabases.freshSchema();
        creators = new CreatorRegistry(database.jdbi());
        tokens = new OverlayTokens(database.jdbi());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void shouldRegisterAWalletOnceWhateverItsCase() {
        String wallet = TestDatabases.aWallet();

        Creator first = creators.register(wallet.toUpperCase().replace("0X", "0x"));
        Creator second = creators.register(wallet);

        assertThat(second).isEqualTo(first);
        assertThat(first.walletAddress()).isEqualTo(wallet.toLowerCase());
        assertThat(creators.findByWallet(wallet.toUpperCase().replace("0X", "0x"))).contains(first);
    }

    @Test
    void shouldRefuseSomethingThatIsNotAnAddress() {
        assertThatThrownBy(() -> creators.register("0x123")).hasMessageContaining("0x123");
    }

    @Test
    void shouldAcceptAnIssuedTokenOnlyForItsCreatorAndUntilRevoked() {
        Creator creator = creators.register(TestDatabases.aWallet());
        Creator other = creators.register(TestDatabases.aWallet());

        String token = tokens.issue(creator.creatorId());

        assertThat(tokens.isValid(creator.creatorId(), token)).isTrue();
        assertThat(tokens.isValid(other.creatorId(), token)).isFalse();
        assertThat(tokens.isValid(creator.creatorId(), token + "x")).isFalse();
        assertThat(tokens.revoke(token)).isTrue();
        assertThat(tokens.isValid(creator.creatorId(), token)).isFalse();
    }

    @Test
    void shouldStoreOnlyTheHashOfAToken() {
        Creator creator = creators.register(TestDatabases.aWallet());
        String token = tokens.issue(creator.creatorId());

        long plainCopies = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM overlays WHERE encode(token_hash, 'escape') LIKE :token")
                .bind("token", "%" + token + "%").mapTo(Long.class).one());

        assertThat(plainCopies).isZero();
    }
}
