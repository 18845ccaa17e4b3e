from django.core.management.base import BaseCommand

from diaspora_site.deploying import write_deploy_config


class Command(BaseCommand):
    help = (
        "Write deploy/'s nginx site, systemd units and the error pages nginx sends, for this "
        "installation's settings (load its environment file first), into a folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, help="The folder to write into.")
        parser.add_argument("--server-name", required=True, help="The site's host name.")
        parser.add_argument("--certificate", default="/etc/letsencrypt/live/{name}/fullchain.pem")
        parser.add_argument(
            "--certificate-key", default="/etc/letsencrypt/live/{name}/privkey.pem"
        )
        parser.add_argument("--upstream", default="127.0.0.1:8000", help="gunicorn's address.")
        parser.add_argument("--https-port", type=int, default=443)
        parser.add_argument("--http-port", type=int, default=80)
        parser.add_argument("--user", default="diaspora", help="The user the services run as.")
        parser.add_argument("--env-file", default="/etc/diaspora.env")
        parser.add_argument(
            "--stack",
            metavar="PREFIX",
            help="Also nginx's main configuration, for an nginx of its own: nginx -p PREFIX.",
        )
        parser.add_argument(
            "--nginx-user", default="", help="With --stack, as root: the user of its workers."
        )

    def handle(self, *args, to, server_name, certificate, certificate_key, stack, **options):
        written = write_deploy_config(
            to,
            server_name=server_name,
            certificate=certificate.format(name=server_name),
            certificate_key=certificate_key.format(name=server_name),
            upstream=options["upstream"],
            https_port=options["https_port"],
            http_port=options["http_port"],
            user=options["user"],
            env_file=options["env_file"],
            stack_prefix=stack,
            nginx_user=options["nginx_user"],
        )
        for path in written:
            self.stdout.write(str(path))
