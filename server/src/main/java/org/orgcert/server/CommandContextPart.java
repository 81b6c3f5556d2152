package org.orgcert.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a configuration that a one-shot command's context ({@link OrgCertCommands}) takes in. The commands' context
 * finds these by scanning for this mark, so the application's root package names no capability (the capabilities
 * depend on the root's properties, never the other way round). Not a component: the service's own context, which
 * scans for components, does not pick up a class for carrying it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CommandContextPart {
}
