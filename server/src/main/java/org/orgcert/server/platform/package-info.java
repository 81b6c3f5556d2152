/**
 * Relying platforms (issue 13 item 2; R-USE-1..3): the sites that let an employer sign in with its certificate
 * through OrgCert's OpenID Connect provider, kept as data. {@link org.orgcert.server.platform.RelyingPlatforms}
 * registers and changes them (bureau administrator, audited); {@link org.orgcert.server.platform.PlatformClients}
 * is what the provider (package {@code signin}) and the assistant's origin list read.
 */
package org.orgcert.server.platform;
