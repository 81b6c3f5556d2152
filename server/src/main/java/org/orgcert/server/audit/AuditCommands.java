package org.orgcert.server.audit;

import org.orgcert.server.CommandContextPart;
import org.springframework.context.annotation.Import;

/**
 * The audit beans a one-shot command needs ({@code org.orgcert.server.OrgCertCommands}): the keys (read, never
 * made), the checkpoint file (read), the verifier and {@code audit-verify} itself, and the log a recording command
 * ({@code import-registry}) writes to. Never the checkpointer: only the service signs checkpoints. Not a
 * component, so that the service's context does not read it.
 */
@CommandContextPart
@Import({AuditKeyring.class, AuditCheckpointFile.class, AuditVerifier.class, AuditChainer.class, AuditLog.class,
        AuditVerifyCommand.class})
public final class AuditCommands {
}
