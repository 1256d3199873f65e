# The mailroute runtime for docker-compose.yml and deploy/k8s: the runtime jar and its lib/ from `mvn -B -DskipTests package`
# (run and topics; no embedded broker, Connect, S3Proxy or test utilities).
FROM eclipse-temurin:17-jre
WORKDIR /opt/mailroute
COPY runtime/target/lib/ /opt/mailroute/lib/
COPY runtime/target/mailroute-runtime.jar /opt/mailroute/mailroute-runtime.jar
# a fixed uid and gid: deploy/k8s gives the state volume to this group (fsGroup)
RUN groupadd --system --gid 10001 mailroute \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/mailroute mailroute \
    && mkdir -p /var/lib/mailroute && chown mailroute:mailroute /var/lib/mailroute
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/mailroute/mailroute-runtime.jar"]
