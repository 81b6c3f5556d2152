package org.orgcert.server.review;

import org.orgcert.server.CommandContextPart;
import org.springframework.context.annotation.Import;

/**
 * The beans of {@code ./orgcert import-registry} in a one-shot command's context
 * ({@code org.orgcert.server.OrgCertCommands}): the bundled registry and the command. Not a component, so that the
 * service's context does not read it.
 */
@CommandContextPart
@Import({BundledInsuranceRegistry.class, RegistryImportCommand.class})
public final class RegistryImportCommands {
}
