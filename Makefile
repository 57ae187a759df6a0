# Everyday commands; each goes through bin/with-jdk, which picks a JDK >= 21.
.PHONY: run test bench image jar

IMAGE ?= datastore
BUILDER ?= $(shell command -v podman || command -v buildah || command -v docker)

jar:
	bin/with-jdk ./mvnw -B -DskipTests package

run: jar
	bin/with-jdk java --enable-native-access=ALL-UNNAMED -jar target/datastore.jar

test:
	bin/with-jdk ./mvnw -B verify

bench: jar
	bench/run --quick

image:
	@test -n "$(BUILDER)" || { echo "no podman, buildah or docker found"; exit 1; }
	$(BUILDER) $(if $(findstring buildah,$(BUILDER)),bud,build) -t $(IMAGE) .
