"""A line-by-line SMTP client for tests that check exact reply codes."""

from __future__ import annotations

import asyncio


class SmtpDialogue:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> SmtpDialogue:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        dialogue = cls(reader, writer)
        assert (await dialogue.reply()).startswith("220 ")
        assert (await dialogue.say("EHLO client.example")).startswith("250")
        return dialogue

    async def reply(self) -> str:
        """The whole reply; a multi-line one ends with the line "NNN text"."""
        lines = []
        while True:
            line = (await self.reader.readline()).decode().rstrip("\r\n")
            lines.append(line)
            if len(line) < 4 or line[3] != "-":
                return "\n".join(lines)

    async def say(self, command: str) -> str:
        self.writer.write(command.encode() + b"\r\n")
        await self.writer.drain()
        return (await self.reply()).splitlines()[-1]

    async def data(self, raw: bytes) -> str:
        assert (await self.say("DATA")).startswith("354")
        body = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n").removesuffix(b"\r\n")
        lines = [b"." + line if line.startswith(b".") else line for line in body.split(b"\r\n")]
        self.writer.write(b"\r\n".join(lines) + b"\r\n.\r\n")
        await self.writer.drain()
        return (await self.reply()).splitlines()[-1]

    async def close(self) -> None:
        self.writer.write(b"QUIT\r\n")
        self.writer.close()
        await self.writer.wait_closed()
