"""A method replaced after the class is made (monkeypatching a class attribute): calls
through instances reach the replacement too (flow-insensitively, the original as well)."""


class Client:
    def fetch(self, url):
        return "net:" + url

    def get(self, url):
        return self.fetch(url)


def fake_fetch(self, url):
    return "fake:" + url


def install_fake():
    Client.fetch = fake_fetch


def main():
    install_fake()
    return Client().get("x")


main()
