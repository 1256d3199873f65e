# The mailroute runtime for docker-compose.yml: the runtime jar and its lib/ from `mvn -B -DskipTests package`
# (run and topics; no embedded broker, Connect, S3Proxy or test utilities).
FROM eclipse-temurin:17-jre
WORKDIR /opt/mailroute
COPY runtime/target/lib/ /opt/mailroute/lib/
COPY runtime/target/mailroute-runtime.jar /opt/mailroute/mailroute-runtime.jar
RUN useradd --system --home-dir /var/lib/mailroute mailroute && mkdir -p /var/lib/mailroute && chown mailroute /var/lib/mailroute
USER mailroute
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/mailroute/mailroute-runtime.jar"]
