# Container image: builds the jar, then runs it on a JRE. Inside a container the service must be reachable
# from outside it, so it listens on every interface (the plain jar's default is 127.0.0.1).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build /src/target/datastore.jar /app/datastore.jar
ENV HOST=0.0.0.0 \
    RATE_LIMIT_ENABLED=true \
    PORT=8080 \
    DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/datastore.jar"]
