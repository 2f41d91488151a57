package io.chainpulse.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the members a crashed dev stack left in its own consumer groups. Without this a restarted processor waits
 * in REBALANCING until the dead member's session times out; the dev broker is the stack's own, so every member
 * found before the processor starts is a dead one.
 */
final class StaleGroupMembers {
    private static final Logger log = LoggerFactory.getLogger(StaleGroupMembers.class);

    private StaleGroupMembers() {}

    static void remove(String bootstrapServers, String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int members = admin.describeConsumerGroups(List.of(groupId)).all().get(30, TimeUnit.SECONDS)
                    .get(groupId).members().size();
            if (members == 0) {
                return;
            }
            // no members named: every member of the group is removed, dynamic ones included (KIP-571)
            admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions()).all()
                    .get(30, TimeUnit.SECONDS);
            log.info("removed {} member(s) an earlier dev stack left in group {}", members, groupId);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                log.warn("could not remove stale members of group {}: {}", groupId, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            log.warn("could not remove stale members of group {}: no answer within 30 s", groupId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing stale group members", e);
        }
    }
}
