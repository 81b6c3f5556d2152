#!/usr/bin/env bash
# Builds the installable Linux package of the OrgCert USB Key assistant: a self-contained app image (its own Java
# runtime, made by jlink through jpackage from the JDK 17 in use; no Java needed on the employer's computer), packed
# as key/target/dist/orgcert-assistant-<version>-linux-x64.tar.gz with its .sha256 and install.sh, and a .deb when
# dpkg-deb is there. See docs/key-assistant.md, "The installable package".
#
#   key/packaging/build-linux.sh                    from the runnable jar (mvn -pl key -am package -DskipTests first)
#   key/packaging/build-linux.sh --jar PATH         from another runnable jar
#   key/packaging/build-linux.sh --input DIR --main-jar NAME
#                                                   from a folder of jars whose main jar's Class-Path names the others
#   options: --dest DIR (default key/target/dist), --version V (default key/pom.xml's), --app-image-only, --no-deb
set -euo pipefail

KEY_DIR=$(cd "$(dirname "$0")/.." && pwd)
PACKAGING="$KEY_DIR/packaging"
NAME=orgcert-assistant
MAIN_CLASS=org.orgcert.key.cli.PackagedMain
# What the assistant uses of the JDK (jdeps --print-module-deps on the runnable jar, less java.desktop and java.sql,
# which only Jackson's optional bean and SQL-type handlers name), plus what is loaded at run time only: java.xml
# (Jackson's optional handlers name org.w3c.dom.Node when they first load; without it no JSON is written), SunEC for
# TLS to the service (jdk.crypto.ec, a module of its own on Java 17) and SunPKCS11 for USB keys.
# InstallablePackageTest runs a whole sign-in on the image to catch a module missing here.
MODULES=java.base,java.logging,java.naming,java.net.http,java.xml,jdk.httpserver,jdk.crypto.ec,jdk.crypto.cryptoki
JAVA_OPTIONS="-Xmx96m -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8"

jar=""; input=""; main_jar=""; dest="$KEY_DIR/target/dist"; version=""; image_only=false; deb=true
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift 2 ;;
        --input) input="$2"; shift 2 ;;
        --main-jar) main_jar="$2"; shift 2 ;;
        --dest) dest="$2"; shift 2 ;;
        --version) version="$2"; shift 2 ;;
        --app-image-only) image_only=true; shift ;;
        --no-deb) deb=false; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ -z "$version" ]; then
    # the project's version: the first <version> after the parent block of key/pom.xml
    version=$(sed -n '/<parent>/,/<\/parent>/p' "$KEY_DIR/pom.xml" | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -1)
fi
# jpackage wants numbers only: 0.1.0-SNAPSHOT is app version 0.1.0
app_version=$(printf '%s' "$version" | sed 's/[^0-9.].*$//')

# The JDK: $JAVA_HOME, else the one javac on the PATH belongs to. Java 17, as the project builds for.
if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
JPACKAGE="$JAVA_HOME/bin/jpackage"
[ -x "$JPACKAGE" ] || { echo "no jpackage in $JAVA_HOME (a full JDK 17 is needed)" >&2; exit 1; }
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")
case "$java_version" in
    17|17.*) ;;
    *) echo "JDK $java_version at $JAVA_HOME: the package is built with JDK 17 (set JAVA_HOME)" >&2; exit 1 ;;
esac
[ -d "$JAVA_HOME/jmods" ] || { echo "$JAVA_HOME has no jmods (Debian: apt-get install openjdk-17-jmods)" >&2; exit 1; }

work="$dest/work"
rm -rf "$work"
mkdir -p "$work/input" "$dest"
if [ -n "$input" ]; then
    [ -n "$main_jar" ] || { echo "--input needs --main-jar" >&2; exit 2; }
    cp "$input"/*.jar "$work/input/"
else
    [ -n "$jar" ] || jar="$KEY_DIR/target/orgcert-key-$version-cli.jar"
    [ -f "$jar" ] || { echo "no runnable jar at $jar; run: mvn -B -pl key -am package -DskipTests" >&2; exit 1; }
    main_jar="$NAME.jar"
    cp "$jar" "$work/input/$main_jar"
fi

echo "jpackage: app image $NAME $app_version with JDK $java_version ($MODULES)"
"$JPACKAGE" --type app-image --name "$NAME" --app-version "$app_version" \
    --vendor "OrgCert" --description "OrgCert USB Key assistant (http://127.0.0.1:17017)" \
    --input "$work/input" --main-jar "$main_jar" --main-class "$MAIN_CLASS" \
    --add-modules "$MODULES" \
    --jlink-options "--strip-native-commands --strip-debug --no-man-pages --no-header-files --compress=2" \
    --java-options "$JAVA_OPTIONS" \
    --dest "$work/image"
image="$work/image/$NAME"
if $image_only; then
    echo "$image"
    exit 0
fi

# The tarball: the app image under app/, the scripts that install it for one user, the example configuration.
base="$NAME-$version-linux-x64"
stage="$work/$base"
mkdir -p "$stage"
cp -a "$image" "$stage/app"
cp "$PACKAGING/linux/install.sh" "$PACKAGING/linux/uninstall.sh" "$PACKAGING/linux/start-assistant" \
    "$PACKAGING/linux/orgcert-assistant.desktop.in" "$PACKAGING/linux/config.example" "$PACKAGING/linux/README.txt" \
    "$stage/"
chmod 755 "$stage/install.sh" "$stage/uninstall.sh" "$stage/start-assistant"
tarball="$dest/$base.tar.gz"
tar --owner=0 --group=0 --numeric-owner --sort=name -C "$work" -czf "$tarball" "$base"
(cd "$dest" && sha256sum "$base.tar.gz" > "$base.tar.gz.sha256")
echo "$tarball ($(du -h "$tarball" | cut -f1))"

# The .deb: the same app image in /opt, started at login for every desktop user (XDG autostart), each with the
# configuration in ~/.config/orgcert-assistant/config.
if $deb && command -v dpkg-deb >/dev/null 2>&1; then
    root="$work/deb"
    mkdir -p "$root/DEBIAN" "$root/opt/$NAME" "$root/etc/xdg/autostart" "$root/usr/share/doc/$NAME"
    cp -a "$image/." "$root/opt/$NAME/"
    cp "$PACKAGING/linux/start-assistant" "$root/opt/$NAME/start-assistant"
    chmod 755 "$root/opt/$NAME/start-assistant"
    sed "s:@START@:/opt/$NAME/start-assistant:" "$PACKAGING/linux/orgcert-assistant.desktop.in" \
        > "$root/etc/xdg/autostart/$NAME.desktop"
    cp "$PACKAGING/linux/config.example" "$PACKAGING/linux/README.txt" "$root/usr/share/doc/$NAME/"
    deb_version=$(printf '%s' "$version" | sed 's/-/~/')
    cat > "$root/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $deb_version
Architecture: amd64
Maintainer: OrgCert <support@orgcert.example>
Section: utils
Priority: optional
Installed-Size: $(du -sk "$root/opt" | cut -f1)
Description: OrgCert USB Key assistant
 The employer's assistant for its USB key: signs in to relying platforms after the
 employer confirms, renews the certificate, changes the PIN. Listens on 127.0.0.1:17017
 only; brings its own Java runtime. Each user puts service URL and token location in
 ~/.config/orgcert-assistant/config (see /usr/share/doc/$NAME/config.example).
CONTROL
    package="$dest/${NAME}_${deb_version}_amd64.deb"
    dpkg-deb --root-owner-group -Zgzip --build "$root" "$package" >/dev/null
    (cd "$dest" && sha256sum "$(basename "$package")" > "$(basename "$package").sha256")
    echo "$package ($(du -h "$package" | cut -f1))"
fi
rm -rf "$work"
