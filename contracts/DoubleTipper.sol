// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IDroppio {
    function tip(address payable to) external payable;
}

/// @title DoubleTipper
/// @notice Test helper: one transaction that emits two TipSent logs (same tx hash, different log index).
/// @dev The TipSent logs name this contract as `from`, because it is the one calling Droppio.
contract DoubleTipper {
    /// @notice Tips `to` twice through `droppio`: first msg.value / 2, then the rest (equal halves for an even value).
    function tipTwice(address droppio, address payable to) external payable {
        uint256 first = msg.value / 2;
        IDroppio(droppio).tip{value: first}(to);
        IDroppio(droppio).tip{value: msg.value - first}(to);
    }
}
