"""One MCP conversation with `ctx mcp` through the official Python SDK (PyPI `mcp`), for tests/mcp_python.rs.

Usage: python mcp_conversation.py CTX_BINARY ROOT

It starts `CTX_BINARY mcp --root ROOT` with the SDK's stdio client,
initializes, lists the tools, then calls pack, expand (with a handle the
pack listed), search, refs and status, and prints one JSON object with what
each step answered. The Rust test asserts on that object; this script only
fails when the SDK itself raises (a protocol or schema violation).
"""

import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def wire(model):
    """A result of the SDK as it travelled: JSON with the protocol's camelCase names."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def answer(result):
    """A tool result as plain data: its error flag, text and structured content."""
    data = wire(result)
    texts = [block["text"] for block in data.get("content", []) if block.get("type") == "text"]
    return {
        "is_error": bool(data.get("isError", False)),
        "text": "\n".join(texts),
        "structured": data.get("structuredContent"),
    }


def first_handle(pack):
    """A handle the pack listed: a signature or skeleton item's, else an omitted one's."""
    for item in pack.get("items", []):
        if item.get("handle"):
            return item["handle"]
    for item in pack.get("omitted", []):
        if item.get("handle"):
            return item["handle"]
    return None


async def converse(binary, root):
    server = StdioServerParameters(command=binary, args=["mcp", "--root", root])
    transcript = {}
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            initialized = wire(await session.initialize())
            transcript["initialize"] = {
                "server_name": initialized["serverInfo"]["name"],
                "protocol_version": initialized["protocolVersion"],
                "has_tools": "tools" in initialized["capabilities"],
                "instructions": initialized.get("instructions"),
            }
            listed = wire(await session.list_tools())
            transcript["tools"] = [
                {"name": tool["name"], "has_output_schema": "outputSchema" in tool} for tool in listed["tools"]
            ]
            # A budget small enough that the pack elides something behind a handle.
            pack = await session.call_tool("pack", {"task": "Cart total load_cart", "budget": 150})
            transcript["pack"] = answer(pack)
            handle = first_handle(transcript["pack"]["structured"] or {})
            transcript["handle"] = handle
            if handle is not None:
                transcript["expand"] = answer(await session.call_tool("expand", {"handles": [handle], "budget": 1000}))
            transcript["search"] = answer(await session.call_tool("search", {"query": "apply_discount", "limit": 3}))
            transcript["refs"] = answer(await session.call_tool("refs", {"symbol": "CartError"}))
            transcript["status"] = answer(await session.call_tool("status", {}))
    return transcript


def main():
    binary, root = sys.argv[1], sys.argv[2]
    transcript = asyncio.run(converse(binary, root))
    json.dump(transcript, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
