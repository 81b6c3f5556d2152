/**
 * The portal (issue 6): server-rendered pages for employers and staff, Chinese by default and English on
 * request. Part 1: the public guide pages (home, materials, channels, fees, windows, usage guide) and the
 * printable forms as PDF. Controllers here only call other capabilities' public services; the portal owns
 * no tables.
 */
package org.orgcert.server.portal;
